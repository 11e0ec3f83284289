"""Keep rendered answers out of Django's template debug log.

At DEBUG level, django.template logs every failed variable lookup with the exception, and the
exception's text is the whole template context: on the check page and the "Mijn wensen" page
that is the visitor's answers in plain text. The message itself (variable and template name)
is harmless, so we keep it and drop the exception.
"""

import logging


class DropTemplateContext(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info or record.exc_text:
            record.exc_info = None
            record.exc_text = None
        return True


def install() -> None:
    logger = logging.getLogger("django.template")
    if not any(isinstance(existing, DropTemplateContext) for existing in logger.filters):
        logger.addFilter(DropTemplateContext())
