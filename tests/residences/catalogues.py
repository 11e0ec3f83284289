"""Catalogue files for the import tests: one provider with the residences given, written as JSON."""

import json

from residences.importexport import format as spec


def catalogue(*residences, **provider):
    return {
        "format": spec.FORMAT_NAME,
        "version": spec.FORMAT_VERSION,
        "providers": [
            {
                "external_id": "aanbieder-1",
                "name": "Zorggroep Maaskant",
                "residences": list(residences),
                **provider,
            }
        ],
    }


def write(tmp_path, data, name="catalogus.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)
