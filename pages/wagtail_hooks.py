from wagtail import hooks

from pages import page_cache

hooks.register("before_serve_page", page_cache.remember_page)
