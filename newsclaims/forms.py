"""Forms: request parameters in, validated keyword arguments for selectors and services out."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q
from django.forms.boundfield import BoundField
from django.urls import reverse_lazy

from newsclaims.models import Article, Claim, Claimant, Event, Party, Tag

MAX_ID = 2**63 - 1


class _ResolvedBoundField(BoundField):
    """Shows a resolved value by its canonical text (an event's slug, a claimant's name), however it was typed."""

    def value(self):
        resolved = getattr(self.form, "cleaned_data", {}).get(self.name)
        return self.field.canonical(resolved) if resolved else super().value()


class SuggestField(forms.CharField):
    """A text box for one of thousands of records (too many for a <select>): the value may be typed, carried in
    the URL, or picked from the suggestions that htmx loads into the box's <datalist> as the reader types
    (`views.suggest`). Cleans to the record, or None; a value that names no record is a form error.

    Subclasses say how a typed value finds its record (`lookup`) and which text stands for it (`canonical`).
    """

    def __init__(self, *, suggest_url, placeholder: str, **kwargs):
        super().__init__(required=False, max_length=200, **kwargs)
        self.suggest_url = suggest_url
        self.placeholder = placeholder

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)  # a long pasted name gets a clear error, not a silent cut
        return attrs

    def get_bound_field(self, form, field_name):
        bound = _ResolvedBoundField(form, self, field_name)
        suggestions = f"{bound.auto_id}-suggestions"
        # The box asks for suggestions itself; hx-target, hx-swap and hx-push-url would otherwise be inherited from
        # the filter form (which swaps the results and pushes the URL).
        self.widget.attrs.update({
            "list": suggestions, "autocomplete": "off", "placeholder": self.placeholder, "spellcheck": "false",
            "hx-get": str(self.suggest_url), "hx-trigger": "input changed delay:250ms, focus once",
            "hx-target": f"#{suggestions}", "hx-swap": "innerHTML", "hx-push-url": "false",
            "hx-sync": "this:replace", "hx-indicator": f"#{suggestions}",
        })
        bound.suggestions_id = suggestions
        return bound

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return None
        found = self.lookup(value)
        if isinstance(found, str):
            raise forms.ValidationError(found)
        return found

    def lookup(self, value: str):
        raise NotImplementedError

    def canonical(self, record) -> str:
        raise NotImplementedError


class EventField(SuggestField):
    """An event by its slug (what URLs carry), its id, or its exact name (any case) when that name is unique."""

    def lookup(self, value: str):
        event = Event.objects.filter(slug=value).first()
        if event is None and value.isdigit() and int(value) <= MAX_ID:
            event = Event.objects.filter(pk=int(value)).first()
        if event is None:
            named = list(Event.objects.filter(name__iexact=value).order_by("-start_date", "slug")[:6])
            if len(named) > 1:
                slugs = ", ".join(e.slug for e in named[:5])
                return f"Several events are called “{value}”; pick one from the suggestions or give its slug ({slugs})."
            event = named[0] if named else None
        return event or f"No event is called “{value}”. Pick one from the suggestions as you type."

    def canonical(self, record) -> str:
        return record.slug


class ClaimantField(SuggestField):
    """A claimant by id (what URLs and the API carry), name or alias, any case."""

    def lookup(self, value: str):
        claimant = None
        if value.isdigit() and int(value) <= MAX_ID:
            claimant = Claimant.objects.filter(pk=int(value)).first()
        if claimant is None:
            claimant = (
                Claimant.objects.filter(Q(name__iexact=value) | Q(aliases__alias__iexact=value)).order_by("pk").first()
            )
        return claimant or f"No claimant is called “{value}”. Pick one from the suggestions as you type."

    def canonical(self, record) -> str:
        return record.name


class ClaimFilterForm(forms.Form):
    """GET parameters of the claims list (and the API's claims endpoint) → `selectors.claim_list` kwargs.

    Bind it to `request.GET`; an unknown event, party or malformed date is a form error, never an exception.
    Event and claimant are text boxes with suggestions (`SuggestField`: there are thousands of events); each runs
    one or two queries to validate. Party and tag are <select>s: one query to validate and one to render each.
    """

    q = forms.CharField(
        label="Search", required=False, max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "words in the sentence, claimant …"}),
    )
    event = EventField(suggest_url=reverse_lazy("suggest-events"), placeholder="Any event: type a name")
    claimant = ClaimantField(suggest_url=reverse_lazy("suggest-claimants"), placeholder="Anyone: type a name")
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

    def canonical_query(self) -> dict[str, str]:
        """The valid filters as URL parameters, each record by the key the API takes (event slug, claimant id)."""
        data = getattr(self, "cleaned_data", {})
        out = {}
        for name in self.fields:
            value = data.get(name)
            if value in (None, ""):
                continue
            if name == "event" or name == "tag":
                value = value.slug
            elif isinstance(value, (Claimant, Party)):
                value = value.pk
            out[name] = str(value)
        return out

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
