"""The analyse page: paste a text or upload a file, see the claims extraction finds, and (as an editor) save it."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from newsclaims import services
from newsclaims.forms import AnalyseForm
from newsclaims.intervals import display
from newsclaims.models import Claim
from newsclaims.templatetags.pages import Span

logger = logging.getLogger(__name__)

SAVE_PERMISSION = "newsclaims.add_article"


class ExtractionUnavailable(Exception):
    """The extractor could not run on this text; the message is for the reader."""


def _extract(text: str, language: str | None):
    """(claims, language, milliseconds). Any failure of the extractor becomes ExtractionUnavailable."""
    try:
        from newsclaims.extraction import detect_language, extract
    except ImportError as exc:
        logger.exception("extraction package not importable")
        raise ExtractionUnavailable("Claim extraction is not available on this server right now.") from exc
    started = time.perf_counter()
    try:
        language = language or detect_language(text)
        claims = extract(text, language, gazetteer=services.gazetteer_from_db())
    except Exception as exc:  # the page must answer with a message, whatever the extractor does with odd input
        logger.exception("extraction failed on an analysed text")
        raise ExtractionUnavailable("Claim extraction failed on this text. Try a shorter or plainer text.") from exc
    return claims, language, round((time.perf_counter() - started) * 1000)


def _found_span(i: int, c) -> Span:
    who = c.claimant_name or c.claimant or "unknown"
    figure = display(c.low, c.high, c.qualifier, c.vague)
    return Span(
        start=c.start,
        end=c.end,
        anchor=f"found-{i}",
        href=f"#row-{i}",
        label=f"Claim {i}: {who} — {figure} {c.category.replace('_', ' ')}",
        number_start=c.number_start if c.number_end else None,
        number_end=c.number_end or None,
    )


@require_http_methods(["GET", "POST"])
def analyse(request):
    can_save = request.user.has_perm(SAVE_PERMISSION)
    limits = {
        "max_chars": f"{settings.NEWSCLAIMS_MAX_ANALYSE_CHARS:,}",
        "max_bytes": settings.NEWSCLAIMS_MAX_ANALYSE_BYTES,
    }
    if request.method != "POST":
        return render(request, "analyse.html", {"form": AnalyseForm(), "can_save": can_save, **limits})

    form = AnalyseForm(request.POST, request.FILES)
    context = {"form": form, "can_save": can_save, **limits}
    if not form.is_valid():
        return render(request, "analyse.html", context)
    text = services.normalise_text(form.cleaned_data["article_text"])

    if "save" in request.POST:
        if not can_save:
            raise PermissionDenied("Saving articles needs the 'add article' permission.")
        try:
            result = services.article_ingest(
                text=text,
                language=form.cleaned_data["language"] or None,
                title=form.cleaned_data["title"],
                url=form.cleaned_data["url"] or None,
                outlet=form.cleaned_data["outlet"] or None,
                published=form.cleaned_data["published"] or None,
                source=f"analyse page ({request.user.get_username()})",
            )
            if result.created:
                claims = services.article_extract_claims(article=result.article)
                messages.success(request, f"Saved the article with {len(claims)} claim(s).")
            else:
                messages.info(request, "This article was already stored; here it is.")
            return redirect(result.article)
        except services.IngestError as exc:
            form.add_error(None, str(exc))
        except ImportError:
            logger.exception("extraction package not importable while saving")
            form.add_error(None, "Claim extraction is not available on this server right now; nothing was saved.")
        return render(request, "analyse.html", context)

    try:
        claims, language, elapsed_ms = _extract(text, form.cleaned_data["language"] or None)
    except ExtractionUnavailable as exc:
        form.add_error(None, str(exc))
        return render(request, "analyse.html", context)
    # The text as analysed goes back into the textarea, so that "Save" stores exactly what was shown.
    form = AnalyseForm(initial={**form.cleaned_data, "text": text, "language": form.cleaned_data["language"]})
    categories = dict(Claim.Category.choices)
    found = [
        (i, c, display(c.low, c.high, c.qualifier, c.vague), categories.get(c.category, c.category))
        for i, c in enumerate(claims, start=1)
    ]
    context.update(
        form=form,
        text=text,
        language=language,
        found=found,
        spans=[_found_span(i, c) for i, c, _, _ in found],
        elapsed_ms=elapsed_ms,
    )
    return render(request, "analyse.html", context)
