"""Django's Redis cache, reusing one client per connection pool.

Django builds a new `redis.Redis` object for every cache call (`RedisCacheClient.get_client`);
on a slow machine that costs about as much as the round trip itself, and a page makes several
calls. A `redis.Redis` object only wraps its connection pool and is safe to share between
threads, so one per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
