"""Forms: request parameters in, validated keyword arguments for selectors and services out."""

from __future__ import annotations

from django import forms
from django.conf import settings

from newsclaims.models import Article, Claim, Claimant, Event, Party, Tag


class ClaimFilterForm(forms.Form):
    """GET parameters of the claims list (and the API's claims endpoint) → `selectors.claim_list` kwargs.

    Bind it to `request.GET`; an unknown event, party or malformed date is a form error, never an exception.
    Choice fields run one query each to validate and one to render their options.
    """

    q = forms.CharField(
        label="Search", required=False, max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "words in the sentence, claimant …"}),
    )
    event = forms.ModelChoiceField(Event.objects.order_by("name"), required=False, to_field_name="slug",
                                   empty_label="Any event")
    claimant = forms.ModelChoiceField(Claimant.objects.order_by("name"), required=False, empty_label="Anyone")
    party = forms.ModelChoiceField(Party.objects.order_by("name"), required=False, empty_label="Any side",
                                   label="Claimant's side")
    category = forms.ChoiceField(choices=[("", "Any category"), *Claim.Category.choices], required=False)
    status = forms.ChoiceField(choices=[("", "Not rejected"), *Claim.Status.choices], required=False)
    tag = forms.ModelChoiceField(
        Tag.objects.order_by("name"), required=False, to_field_name="slug", empty_label="Any tag"
    )
    language = forms.ChoiceField(choices=[("", "Any language"), *Article.Language.choices], required=False)
    date_from = forms.DateField(label="Published from", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="Published to", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end date is before the start date.")
        return data

    def filter_kwargs(self) -> dict:
        """Keyword arguments for `selectors.claim_list`; only valid fields are used (call after `is_valid()`)."""
        data = getattr(self, "cleaned_data", {})
        kwargs = {
            "event": data["event"].slug if data.get("event") else None,
            "claimant": data["claimant"].pk if data.get("claimant") else None,
            "party": data["party"].pk if data.get("party") else None,
            "category": data.get("category") or None,
            "status": data.get("status") or None,
            "tag": data["tag"].slug if data.get("tag") else None,
            "language": data.get("language") or None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "q": (data.get("q") or "").strip() or None,
        }
        return {k: v for k, v in kwargs.items() if v is not None}

    @property
    def active_filters(self) -> list[tuple[str, str]]:
        """(label, value) of each filter in use, to tell the reader what the list shows."""
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return []
        out = []
        for name, value in self.cleaned_data.items():
            if value not in (None, ""):
                field = self.fields[name]
                if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                    value = dict(field.choices).get(value, value)
                out.append((str(field.label or name.replace("_", " ").capitalize()), str(value)))
        return out


def page_size(value: str | None) -> int:
    """A requested page size, bounded by the settings; garbage falls back to the default."""
    try:
        size = int(value or settings.NEWSCLAIMS_PAGE_SIZE)
    except (TypeError, ValueError):
        size = settings.NEWSCLAIMS_PAGE_SIZE
    return max(1, min(size, settings.NEWSCLAIMS_MAX_PAGE_SIZE))


class AnalyseForm(forms.Form):
    """Text to analyse: pasted, or an uploaded .txt/.html file (whose main text trafilatura extracts)."""

    LANGUAGES = [("", "Detect automatically"), *Article.Language.choices]

    text = forms.CharField(label="Article text", required=False, widget=forms.Textarea(attrs={"rows": 12}))
    file = forms.FileField(label="…or upload a .txt or .html file", required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}))
    language = forms.ChoiceField(choices=LANGUAGES, required=False)
    title = forms.CharField(required=False, max_length=500, label="Title (for saving)")
    outlet = forms.CharField(required=False, max_length=200, label="Outlet (for saving)")
    url = forms.URLField(required=False, max_length=1000, label="URL (for saving)", assume_scheme="https")
    published = forms.CharField(required=False, max_length=10, label="Published (YYYY-MM-DD)",
                                widget=forms.TextInput(attrs={"placeholder": "2023-05-24", "inputmode": "numeric"}))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        limit = settings.NEWSCLAIMS_MAX_ANALYSE_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"The file is {upload.size:,} bytes; the limit is {limit:,}.")
        name = (upload.name or "").lower()
        if not name.endswith((".txt", ".html", ".htm")):
            raise forms.ValidationError("Upload a .txt or .html file.")
        raw = upload.read(limit + 1)
        if b"\x00" in raw:
            raise forms.ValidationError("This looks like a binary file, not text.")
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError("The file is not UTF-8 text. Save it as UTF-8 and try again.") from exc
        if name.endswith((".html", ".htm")):
            content = html_main_text(content)
            if not content:
                raise forms.ValidationError("No article text could be found in this HTML file.")
        return content

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        text = data.get("file") or data.get("text") or ""
        if "\x00" in text:
            raise forms.ValidationError("The text contains NUL bytes: is this a binary file?")
        text = text.strip()
        if not text:
            raise forms.ValidationError("Paste an article's text or upload a file.")
        limit = settings.NEWSCLAIMS_MAX_ANALYSE_CHARS
        if len(text) > limit:
            raise forms.ValidationError(f"The text has {len(text):,} characters; the limit is {limit:,}.")
        data["article_text"] = text
        return data


def html_main_text(html: str) -> str:
    """The main text of an HTML page (boilerplate, navigation and scripts dropped), or '' when there is none."""
    import trafilatura

    return (trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or "").strip()
