"""The client's data as a PDF download (workspace/export_pdf.py builds it)."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from workspace import export_pdf
from workspace.views import client_of, professional_required


@never_cache
@professional_required
def pdf(request, professional, client_id):
    client = client_of(professional, client_id)
    response = HttpResponse(export_pdf.build(client), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="client-{client.pk}.pdf"'
    return response
