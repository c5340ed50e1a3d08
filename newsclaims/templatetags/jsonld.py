"""`{% claim_jsonld claim %}`: a claim's schema.org JSON-LD, escaped for a `<script type="application/ld+json">`."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from newsclaims.jsonld import claim_jsonld as build_claim_jsonld
from newsclaims.jsonld import dumps_for_script

register = template.Library()


@register.simple_tag(takes_context=True)
def claim_jsonld(context, claim) -> SafeString:
    # Safe to mark: dumps_for_script escapes <, > and & as \u003c ..., so no text from the article can end the
    # <script> element or be read as markup; HTML-escaping it instead would corrupt the JSON.
    return mark_safe(dumps_for_script(build_claim_jsonld(claim, request=context.get("request"))))  # noqa: S308
