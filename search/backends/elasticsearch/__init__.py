"""Elasticsearch backend: documents.py (mapping), queries.py (Criteria -> bodies), backend.py."""

from search.backends.elasticsearch.backend import ElasticsearchBackend, IndexingFailed

__all__ = ["ElasticsearchBackend", "IndexingFailed"]
