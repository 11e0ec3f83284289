#!/bin/sh
# Least-privilege roles and users for Woonvinder on a secured Elasticsearch (8.x or 9.x).
# Run by the search-setup service of docker/compose.secure.yml; PUT replaces, so it may run again.
# Passwords: letters, digits, '-' and '_' only (they are written into JSON as they are).
set -eu

url="${ELASTICSEARCH_SETUP_URL:-http://search:9200}"
index="${ELASTICSEARCH_INDEX:-woonvinder-residences}"

es() {
  curl -fsS -u "elastic:${ELASTIC_PASSWORD}" -H 'Content-Type: application/json' "$@"
  echo
}

# The web tier: search, count, export (point in time) and sync documents through the alias.
# No cluster privilege: /healthz then skips the version check (GET / needs `monitor`).
es -X PUT "$url/_security/role/woonvinder_web" -d "{
  \"indices\": [{\"names\": [\"$index\", \"$index-*\"], \"privileges\": [\"read\", \"write\"]}]
}"

# The operator (search_index rebuild|check|update): also create, alias and delete the
# <alias>-<timestamp> indexes, read their mapping and settings, and the server's version.
es -X PUT "$url/_security/role/woonvinder_operator" -d "{
  \"cluster\": [\"monitor\"],
  \"indices\": [{
    \"names\": [\"$index\", \"$index-*\"],
    \"privileges\": [\"read\", \"write\", \"create_index\", \"delete_index\", \"manage\",
                     \"view_index_metadata\"]
  }]
}"

es -X PUT "$url/_security/user/woonvinder_web" -d "{
  \"password\": \"${ELASTICSEARCH_WEB_PASSWORD}\", \"roles\": [\"woonvinder_web\"]
}"
es -X PUT "$url/_security/user/woonvinder_operator" -d "{
  \"password\": \"${ELASTICSEARCH_OPERATOR_PASSWORD}\", \"roles\": [\"woonvinder_operator\"]
}"
