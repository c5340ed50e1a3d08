"""The editors' desk: a review queue of claims, and actions that each call one service in `services.review`.

Permissions are checked twice: the admin shows an action only to users allowed to run it (`allowed_permissions`),
and the service refuses a user without the permission whatever called it.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from newsclaims import services
from newsclaims.models import Article, Claim, Claimant, ClaimantAlias, ClaimLink, Event, Outlet, Party, Story, Tag
from newsclaims.services.events import event_merge, event_split
from newsclaims.services.review import EDITABLE_FIELDS, MAX_BATCH, latest_author

admin.site.site_header = "newsclaims editorial desk"
admin.site.site_title = "newsclaims"
admin.site.index_title = "Review, tag and link claims"

BOTH = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]
INLINE_CLAIMS = 50  # claims shown on an article or event page; the rest are one click away in the queue
CONTEXT_CHARS = 70  # evidence shown either side of the number in the queue


# Display helpers ------------------------------------------------------------------------------------------------


def number_span(claim: Claim) -> tuple[int, int] | None:
    """Where the number lies in the evidence sentence: the claim's offsets index the article, not the sentence."""
    if claim.number_start is None or claim.number_end is None:
        return None
    start, end = claim.number_start - claim.evidence_start, claim.number_end - claim.evidence_start
    return (start, end) if 0 <= start < end <= len(claim.evidence) else None


def evidence_html(claim: Claim, *, context: int | None = None) -> str:
    """The evidence sentence, escaped, with the claim's number in <mark>; cut to `context` characters around it."""
    text, span = claim.evidence, number_span(claim)
    if span is None:
        return Truncator(text).chars(2 * context) if context else text
    start, end = span
    before, number, after = text[:start], text[start:end], text[end:]
    if context:
        before = ("…" + before[-context:].lstrip()) if len(before) > context else before
        after = (after[:context].rstrip() + "…") if len(after) > context else after
    return format_html('{}<mark class="nc-number">{}</mark>{}', before, number, after)


def public_links(claim: Claim) -> str:
    links = [(claim.get_absolute_url(), "claim page")]
    if claim.event_id:
        links.append((reverse("event-detail", args=[claim.event.slug]), "compare claims"))
    return format_html_join(" · ", '<a href="{}">{}</a>', links)


def changelist_link(model, label: str, **filters) -> str:
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    url = reverse(f"admin:newsclaims_{model._meta.model_name}_changelist") + (f"?{query}" if query else "")
    return format_html('<a href="{}">{}</a>', url, label)


# Inlines --------------------------------------------------------------------------------------------------------


class FirstClaimsFormSet(BaseInlineFormSet):
    """Only the first INLINE_CLAIMS claims: an event can hold thousands."""

    def get_queryset(self):
        if not hasattr(self, "_first"):
            self._first = super().get_queryset()[:INLINE_CLAIMS]
        return self._first


class ClaimInline(admin.TabularInline):
    """Read-only: claims are reviewed in their own form, where the stale-save check applies."""

    model = Claim
    formset = FirstClaimsFormSet
    fields = ["figure", "category", "claimant_display", "status", "evidence_in_context"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    verbose_name_plural = f"claims (the first {INLINE_CLAIMS}; all of them are in the claim queue)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claimant").order_by("pk")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="figure")
    def figure(self, claim):
        return claim.display_value

    @admin.display(description="claimant")
    def claimant_display(self, claim):
        return claim.claimant or claim.claimant_text

    @admin.display(description="evidence")
    def evidence_in_context(self, claim):
        return evidence_html(claim, context=CONTEXT_CHARS)


class LinkInlineBase(admin.TabularInline):
    model = ClaimLink
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}}
    readonly_fields = ["created_by_system", "created_by"]
    show_change_link = True


class LinksFromInline(LinkInlineBase):
    fk_name = "from_claim"
    fields = ["kind", "to_claim", "status", "note", "created_by_system", "created_by"]
    autocomplete_fields = ["to_claim"]
    verbose_name, verbose_name_plural = "link from this claim", "links from this claim"


class LinksToInline(LinkInlineBase):
    fk_name = "to_claim"
    fields = ["from_claim", "kind", "status", "note", "created_by_system", "created_by"]
    autocomplete_fields = ["from_claim"]
    verbose_name, verbose_name_plural = "link to this claim", "links to this claim"


# Action forms ---------------------------------------------------------------------------------------------------


class EventForm(forms.Form):
    event = forms.ModelChoiceField(
        queryset=Event.objects.all(), widget=AutocompleteSelect(Claim._meta.get_field("event"), admin.site)
    )


class NewEventForm(forms.Form):
    name = forms.CharField(max_length=300, label="Name of the new event")
    place = forms.CharField(max_length=200, required=False)


class TagForm(forms.Form):
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Claim._meta.get_field("tags"), admin.site),
    )
    new_tags = forms.CharField(
        required=False, max_length=500, help_text="New tags to create, separated by commas.", label="New tags"
    )

    def clean(self):
        data = super().clean()
        if not data.get("tags") and not (data.get("new_tags") or "").strip(", "):
            raise ValidationError("Choose a tag or name a new one.")
        return data


class UntagForm(forms.Form):
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(), widget=AutocompleteSelectMultiple(Claim._meta.get_field("tags"), admin.site)
    )


class MergeForm(forms.Form):
    """Which of the selected claimants (or events) to keep; the one with most claims is proposed."""

    keep = forms.ModelChoiceField(queryset=Claimant.objects.none(), widget=forms.RadioSelect, empty_label=None)

    def __init__(self, *args, choices, label, describe, **kwargs):
        super().__init__(*args, **kwargs)
        keep = self.fields["keep"]
        keep.queryset, keep.label, keep.label_from_instance = choices, label, describe
        keep.initial = choices.first()


class ActionFormMixin:
    """Actions that first ask something (which event, which tags): an intermediate page posting back to the list.

    An action the user may not run is refused with 403; Django alone would quietly show the list again.
    """

    def changelist_view(self, request, extra_context=None):
        action = request.POST.get("action") if request.method == "POST" else None
        if action and action not in self.get_actions(request):
            raise PermissionDenied(f"the action {action!r} is not available to you")
        return super().changelist_view(request, extra_context)

    def ask(self, request, queryset, form_class, *, title: str, action: str, intro: str, **form_kwargs):
        """The bound form when the editor submitted it, else the page that asks; None when the selection is too big."""
        count = queryset.count()
        if count > MAX_BATCH:
            self.message_user(request, f"{count:,} items were selected; act on at most {MAX_BATCH:,} at a time.",
                              messages.ERROR)
            return None, None
        if "apply" in request.POST:
            form = form_class(request.POST, **form_kwargs)
            if form.is_valid():
                return form, None
        else:
            form = form_class(**form_kwargs)
        changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        from_list = request.path == changelist
        context = {
            # Back to the list with its filters, or (from a claim's own page) the list's URL and then back to the claim.
            "post_to": request.get_full_path() if from_list else changelist,
            "return_to": "" if from_list else request.POST.get("return_to") or request.path,
            **self.admin_site.each_context(request),
            "title": title,
            "intro": intro,
            "opts": self.opts,
            "form": form,
            "objects": queryset[:30],
            "count": count,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected": list(queryset.values_list("pk", flat=True)),
            "media": self.media + form.media,
        }
        return None, TemplateResponse(request, "admin/newsclaims/action_form.html", context)

    def back(self, request):
        """Where the editor goes after an asking action: the page the action was started from."""
        target = request.POST.get("return_to", "")
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return HttpResponseRedirect(target)
        return None

    def run(self, request, service, message: str, **kwargs):
        """Call a service; report its result, or why it refused, as an admin message."""
        try:
            result = service(user=request.user, **kwargs)
        except ValueError as exc:  # ReviewError and the other services' refusals
            self.message_user(request, str(exc), messages.ERROR)
            return None
        except PermissionDenied as exc:
            self.message_user(request, f"Not allowed: {exc}", messages.ERROR)
            return None
        n = len(result) if isinstance(result, list) else result
        self.message_user(request, message.format(result=result, n=n), messages.SUCCESS)
        return result


# Claims ---------------------------------------------------------------------------------------------------------


class ClaimAdminForm(forms.ModelForm):
    """Carries the version the editor loaded; saving over a newer version is refused, never silently merged."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Claim
        fields = sorted(EDITABLE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "expected_version" in self.fields:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        expected = data.get("expected_version")
        if self.instance.pk and expected is not None:
            current = Claim.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current != expected:
                raise ValidationError(str(services.StaleClaimError(self.instance.pk, expected, current,
                                                                   latest_author(self.instance.pk))))
        return data


class EventFilter(admin.SimpleListFilter):
    """Claims of one event, reached from the event's page; a list of thousands of events would be no use here."""

    title = "event"
    parameter_name = "event"
    lookup = "event"

    def lookups(self, request, model_admin):
        value = self.value()
        event = Event.objects.filter(pk=value).first() if value and value.isdigit() else None
        return [(str(event.pk), str(event))] if event else []

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(**{self.lookup: value}) if value and value.isdigit() else queryset


class LinkEventFilter(EventFilter):
    lookup = "from_claim__event"


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("todo", "needs review"), ("edited", "edited by an editor"), ("ungrouped", "no event yet")]

    def queryset(self, request, queryset):
        match self.value():
            case "todo":
                return queryset.filter(status=Claim.Status.EXTRACTED)
            case "edited":
                return queryset.filter(edited=True)
            case "ungrouped":
                return queryset.filter(event__isnull=True)
        return queryset


@admin.register(Claim)
class ClaimAdmin(ActionFormMixin, SimpleHistoryAdmin):
    form = ClaimAdminForm
    list_display = ["id", "figure", "claimant_display", "evidence_in_context", "sides", "status", "event", "public"]
    list_display_links = ["id", "figure"]
    list_filter = [NeedsReviewFilter, EventFilter, "status", "category", "qualifier", "article__language",
                   ("claimant_party", admin.RelatedOnlyFieldListFilter),
                   ("victims_party", admin.RelatedOnlyFieldListFilter), ("tags", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["claimant", "claimant_party", "victims_party", "event", "article"]
    search_fields = ["evidence", "claimant__name", "claimant_text", "victims", "article__title"]
    search_help_text = "Words in the sentence, claimant, victims or article title; or a claim number."
    autocomplete_fields = ["article", "claimant", "claimant_party", "victims_party", "event", "tags"]
    list_per_page = 50
    list_max_show_all = 200
    show_full_result_count = False
    inlines = [LinksFromInline, LinksToInline]
    history_list_display = ["status", "version", "low", "high", "qualifier", "event"]
    readonly_fields = ["public", "evidence_highlighted", "article_link", "evidence_start", "evidence_end",
                       "number_start", "number_end", "edited", "version", "reviewed_by", "reviewed_at",
                       "extractor_version", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["public", "evidence_highlighted", "article_link"]}),
        ("Figure", {"fields": [("low", "high"), "qualifier", "vague", "number_text", ("category", "subtype")]}),
        ("Who said it, about whom", {"fields": [("claimant", "claimant_text"), "claimant_party",
                                                ("victims", "victims_party")]}),
        ("Review", {"fields": ["status", ("event", "event_locked"), "tags", "expected_version"]}),
        ("Record", {"classes": ["collapse"], "fields": [
            ("version", "edited"), ("reviewed_by", "reviewed_at"), "extractor_version", ("created_at", "updated_at"),
            ("evidence_start", "evidence_end"), ("number_start", "number_end")]}),
    ]
    actions = ["confirm", "reject", "assign_event", "split_off", "tag", "untag", "link_contradicting",
               "link_supporting"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            # A read-only page has no form to carry the version in.
            return [(name, {**opts, "fields": [f for f in opts["fields"] if f != "expected_version"]})
                    for name, opts in fieldsets]
        return fieldsets

    def has_add_permission(self, request):
        return False  # claims come from articles, by extraction

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting would write an old version number past the stale-save check: past versions are read-only.
        if request.method == "POST":
            raise PermissionDenied("a claim cannot be reverted; edit its figures instead")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_link_permission(self, request):
        return request.user.has_perms(["newsclaims.add_claimlink", "newsclaims.change_claimlink"])

    def get_search_results(self, request, queryset, search_term):
        # Plain word matching over search_fields, not newsclaims.search: the queue must keep its own order.
        term = search_term.strip().lstrip("#")
        if term.isdigit():
            return queryset.filter(pk=int(term)), False
        return super().get_search_results(request, queryset, search_term)

    # Saving goes through claim_update: a conditional write that refuses a stale form.

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in EDITABLE_FIELDS}
        if not changes:
            return  # nothing of the claim's own changed (perhaps only its links): no new version
        services.claim_update(claim=obj, expected_version=form.cleaned_data["expected_version"], changes=changes,
                              user=request.user)
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        if not change:
            return super().save_related(request, form, formsets, change)
        for formset in formsets:  # the tags were saved by claim_update
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        links = formset.save(commit=False)
        for link in links:
            if link.pk is None and link.created_by_id is None:
                link.created_by = request.user
            link.save()
        for link in formset.deleted_objects:
            link.delete()
        if links:
            services.claims_protect(claims=[c for link in links for c in (link.from_claim_id, link.to_claim_id)],
                                    user=request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.StaleClaimError as exc:
            # Another save won the race between the form's check and the write; the transaction was rolled back.
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    # Columns.

    @admin.display(description="figure", ordering="low")
    def figure(self, claim):
        return f"{claim.display_value} {claim.get_category_display()}"

    @admin.display(description="claimant", ordering="claimant__name")
    def claimant_display(self, claim):
        return claim.claimant or claim.claimant_text

    @admin.display(description="evidence")
    def evidence_in_context(self, claim):
        return evidence_html(claim, context=CONTEXT_CHARS)

    @admin.display(description="side → about")
    def sides(self, claim):
        return f"{claim.claimant_party.label if claim.claimant_party else '?'} → " \
               f"{claim.victims_party.label if claim.victims_party else '?'}"

    @admin.display(description="evidence (the number is highlighted)")
    def evidence_highlighted(self, claim):
        return evidence_html(claim)

    @admin.display(description="public pages")
    def public(self, claim):
        return public_links(claim)

    @admin.display(description="article")
    def article_link(self, claim):
        article = claim.article
        admin_url = reverse("admin:newsclaims_article_change", args=[article.pk])
        return format_html('<a href="{}">{}</a> ({}, {}) · <a href="{}">public page</a>', admin_url, article,
                           article.outlet or "no outlet", article.published_display or "undated",
                           article.get_absolute_url())

    # Actions: one line each, calling a service.

    @admin.action(description="Confirm selected claims", permissions=["change"], location=BOTH)
    def confirm(self, request, queryset):
        self.run(request, services.claims_confirm, "{n} claim(s) confirmed.", claims=queryset)

    @admin.action(description="Reject selected claims", permissions=["change"], location=BOTH)
    def reject(self, request, queryset):
        self.run(request, services.claims_reject, "{n} claim(s) rejected.", claims=queryset)

    @admin.action(description="Assign selected claims to an event…", permissions=["change"], location=BOTH)
    def assign_event(self, request, queryset):
        form, page = self.ask(request, queryset, EventForm, title="Assign claims to an event",
                              action="assign_event",
                              intro="The event is locked on these claims: automatic grouping keeps it.")
        if form:
            self.run(request, services.claims_assign_event, "{n} claim(s) assigned to the event.",
                     claims=queryset, event=form.cleaned_data["event"])
            return self.back(request)
        return page

    @admin.action(description="Split selected claims off into a new event…", permissions=["change"])
    def split_off(self, request, queryset):
        events = set(queryset.values_list("event", flat=True))
        if len(events) != 1 or None in events:
            self.message_user(request, "Select claims of one event to split them off.", messages.ERROR)
            return None
        form, page = self.ask(request, queryset, NewEventForm, title="Split claims off into a new event",
                              action="split_off",
                              intro="The claims move to a new event, locked to it; the event they leave stays.")
        if form:
            self.run(request, event_split, "New event {result}.", event=Event.objects.get(pk=events.pop()),
                     claims=queryset, name=form.cleaned_data["name"], place=form.cleaned_data["place"])
            return self.back(request)
        return page

    @admin.action(description="Tag selected claims…", permissions=["change"], location=BOTH)
    def tag(self, request, queryset):
        form, page = self.ask(request, queryset, TagForm, title="Tag claims", action="tag",
                              intro="Add tags to the claims; tags they already have stay.")
        if form:
            try:
                names = [n for n in form.cleaned_data["new_tags"].split(",") if n.strip()]
                tags = [*form.cleaned_data["tags"], *services.tags_get_or_create(names=names, user=request.user)]
            except (services.ReviewError, PermissionDenied) as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return None
            self.run(request, services.claims_tag, "{n} claim(s) tagged.", claims=queryset, tags=tags)
            return self.back(request)
        return page

    @admin.action(description="Remove tags from selected claims…", permissions=["change"])
    def untag(self, request, queryset):
        form, page = self.ask(request, queryset, UntagForm, title="Remove tags from claims", action="untag",
                              intro="Take these tags off the claims.")
        if form:
            self.run(request, services.claims_untag, "Tags removed from {n} claim(s).", claims=queryset,
                     tags=list(form.cleaned_data["tags"]))
            return self.back(request)
        return page

    @admin.action(description="Link selected claims as contradicting each other", permissions=["link"])
    def link_contradicting(self, request, queryset):
        self.run(request, services.claims_link, "{n} link(s) made or changed.", claims=queryset,
                 kind=ClaimLink.Kind.CONTRADICTS)

    @admin.action(description="Link selected claims as supporting each other", permissions=["link"])
    def link_supporting(self, request, queryset):
        self.run(request, services.claims_link, "{n} link(s) made or changed.", claims=queryset,
                 kind=ClaimLink.Kind.SUPPORTS)


# Links ----------------------------------------------------------------------------------------------------------


@admin.register(ClaimLink)
class ClaimLinkAdmin(ActionFormMixin, SimpleHistoryAdmin):
    list_display = ["id", "from_display", "kind", "to_display", "status", "created_by_system", "created_by", "event",
                    "created_at"]
    list_display_links = ["id", "kind"]
    list_filter = ["status", "kind", "created_by_system", LinkEventFilter]
    list_select_related = ["from_claim__claimant", "to_claim__claimant", "from_claim__event", "created_by"]
    search_fields = ["from_claim__evidence", "to_claim__evidence", "from_claim__claimant__name",
                     "to_claim__claimant__name", "note", "=from_claim__id", "=to_claim__id"]
    autocomplete_fields = ["from_claim", "to_claim"]
    readonly_fields = ["created_by_system", "created_by", "created_at", "updated_at", "claims_side_by_side"]
    fields = ["claims_side_by_side", "from_claim", "kind", "to_claim", "status", "note", "created_by_system",
              "created_by", "created_at", "updated_at"]
    list_per_page = 50
    show_full_result_count = False
    history_list_display = ["status", "kind"]
    actions = ["accept", "dismiss"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        services.claims_protect(claims=[obj.from_claim_id, obj.to_claim_id], user=request.user)

    @admin.display(description="from", ordering="from_claim")
    def from_display(self, link):
        return f"#{link.from_claim_id} {link.from_claim.claimant or link.from_claim.claimant_text}: " \
               f"{link.from_claim.display_value} {link.from_claim.get_category_display()}"

    @admin.display(description="to", ordering="to_claim")
    def to_display(self, link):
        return f"#{link.to_claim_id} {link.to_claim.claimant or link.to_claim.claimant_text}: " \
               f"{link.to_claim.display_value} {link.to_claim.get_category_display()}"

    @admin.display(description="event")
    def event(self, link):
        return link.from_claim.event or "–"

    @admin.display(description="the two claims")
    def claims_side_by_side(self, link):
        if not link.pk:
            return "–"
        return format_html_join(
            "", '<p class="nc-linked"><a href="{}">#{}</a> {}: <b>{}</b> — {}</p>',
            ((reverse("admin:newsclaims_claim_change", args=[c.pk]), c.pk, c.claimant or c.claimant_text,
              c.display_value, evidence_html(c)) for c in (link.from_claim, link.to_claim)),
        )

    @admin.action(description="Accept selected links", permissions=["change"])
    def accept(self, request, queryset):
        self.run(request, services.links_accept, "{n} link(s) accepted.", links=queryset)

    @admin.action(description="Dismiss selected links", permissions=["change"])
    def dismiss(self, request, queryset):
        self.run(request, services.links_dismiss, "{n} link(s) dismissed.", links=queryset)


# Articles and events --------------------------------------------------------------------------------------------


@admin.register(Article)
class ArticleAdmin(ActionFormMixin, admin.ModelAdmin):
    list_display = ["id", "title_display", "outlet", "language", "published", "claim_count", "extracted_at",
                    "extractor_version"]
    list_display_links = ["id", "title_display"]
    list_filter = ["language", "extractor_version", ("outlet", admin.RelatedOnlyFieldListFilter), "published"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url", "=id", "external_id"]
    autocomplete_fields = ["outlet", "story"]
    list_per_page = 50
    show_full_result_count = False
    date_hierarchy = "published"
    inlines = [ClaimInline]
    readonly_fields = ["claims_overview", "public", "text", "content_hash", "source", "extracted_at",
                       "extractor_version", "ingested_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["public", "claims_overview", "title", ("outlet", "url"),
                           ("published", "published_precision"), ("language", "wire_credit"), "story"]}),
        ("Text", {"fields": ["text"]}),
        ("Record", {"classes": ["collapse"], "fields": [
            "content_hash", ("source", "external_id"), ("extracted_at", "extractor_version"),
            ("ingested_at", "updated_at")]}),
    ]
    actions = ["reextract"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    def has_add_permission(self, request):
        return False  # articles come in through ingest, which normalises, de-duplicates and hashes them

    @admin.display(description="title", ordering="title")
    def title_display(self, article):
        return Truncator(str(article)).chars(90)

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, article):
        return article.claim_count

    @admin.display(description="public page")
    def public(self, article):
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), "open the article page")

    @admin.display(description="claims")
    def claims_overview(self, article):
        counts = dict(article.claims.values_list("status").annotate(n=Count("pk")))
        summary = ", ".join(f"{counts[s]} {label}" for s, label in Claim.Status.choices if counts.get(s)) or "none"
        return format_html("{} — {}", summary,
                           changelist_link(Claim, "review them in the claim queue", article__id__exact=article.pk))

    @admin.action(description="Re-run extraction on selected articles (reviewed and edited claims stay)",
                  permissions=["change"])
    def reextract(self, request, queryset):
        self.run(request, services.articles_reextract,
                 "{result.articles} article(s) re-extracted: {result.claims_created} new claim(s), "
                 "{result.links_suggested} contradiction(s) suggested.", articles=queryset)


@admin.register(Event)
class EventAdmin(ActionFormMixin, SimpleHistoryAdmin):
    list_display = ["name", "place", "start_date", "end_date", "claim_count", "locked", "created_by_system", "public"]
    list_filter = ["locked", "created_by_system", "start_date"]
    search_fields = ["name", "place", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    list_per_page = 50
    show_full_result_count = False
    inlines = [ClaimInline]
    readonly_fields = ["public", "claims_overview", "created_by_system", "created_at"]
    fields = ["public", "claims_overview", "name", "slug", "place", ("start_date", "end_date"), "description",
              "locked", "created_by_system", "created_at"]
    actions = ["suggest_links", "merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, event):
        return event.claim_count

    @admin.display(description="public page")
    def public(self, event):
        if not event.pk:
            return "–"
        return format_html('<a href="{}">{}</a>', event.get_absolute_url(), "compare claims")

    @admin.display(description="claims")
    def claims_overview(self, event):
        if not event.pk:
            return "–"
        counts = dict(event.claims.values_list("status").annotate(n=Count("pk")))
        summary = ", ".join(f"{counts[s]} {label}" for s, label in Claim.Status.choices if counts.get(s)) or "none"
        return format_html("{} — {} · {}", summary,
                           changelist_link(Claim, "review them in the claim queue", event=event.pk),
                           changelist_link(ClaimLink, "suggested links", status__exact="suggested",
                                           event=event.pk))

    @admin.action(description="Merge selected events (duplicates) into one…", permissions=["change"])
    def merge(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, "Select at least two events to merge.", messages.ERROR)
            return None
        form, page = self.ask(
            request, queryset, MergeForm, title="Merge events", action="merge",
            intro="The event you keep gets the others' claims (locked to it, so regrouping leaves them) and their "
                  "date range; the others are then deleted. No claim is lost.",
            choices=queryset.order_by("-claim_count", "name"), label="Keep this event",
            describe=lambda e: f"{e.name} ({e.claim_count} claims, {e.place or 'no place'})",
        )
        if form:
            keep = form.cleaned_data["keep"]
            others = list(queryset.exclude(pk=keep.pk))
            self.run(request, event_merge, "Merged into {result}.", into=keep, others=others)
            return self.back(request)
        return page

    def has_suggest_permission(self, request):
        return request.user.has_perms(["newsclaims.add_claimlink"])

    @admin.action(description="Suggest contradicting claims in selected events", permissions=["suggest"])
    def suggest_links(self, request, queryset):
        made = sum(len(services.links_suggest(event=event)) for event in queryset)
        self.message_user(request, f"{made} new contradiction(s) suggested; accept or dismiss them under Claim links.")


# Who speaks -----------------------------------------------------------------------------------------------------


class ClaimantAliasInline(admin.TabularInline):
    model = ClaimantAlias
    extra = 1


@admin.register(Claimant)
class ClaimantAdmin(ActionFormMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "party", "claim_count", "alias_list"]
    list_filter = ["kind", ("party", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["party"]
    search_fields = ["name", "aliases__alias"]
    autocomplete_fields = ["party"]
    list_per_page = 100
    show_full_result_count = False
    inlines = [ClaimantAliasInline]
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims")).prefetch_related("aliases")

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, claimant):
        return changelist_link(Claim, str(claimant.claim_count), claimant__id__exact=claimant.pk)

    @admin.display(description="aliases")
    def alias_list(self, claimant):
        return ", ".join(a.alias for a in claimant.aliases.all())

    @admin.action(description="Merge selected claimants (duplicates) into one…", permissions=["change"])
    def merge(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, "Select at least two claimants to merge.", messages.ERROR)
            return None
        form, page = self.ask(
            request, queryset, MergeForm, title="Merge claimants", action="merge",
            intro="The claimant you keep gets the others' claims, aliases and names (as aliases); the others are "
                  "then deleted. No claim is lost.",
            choices=queryset.order_by("-claim_count", "name"), label="Keep this claimant",
            describe=lambda c: f"{c.name} ({c.claim_count} claims, {c.get_kind_display()})",
        )
        if form:
            keep = form.cleaned_data["keep"]
            self.run(request, services.claimants_merge,
                     "Merged into {result.kept}: {result.claims_moved} claim(s) and {result.aliases_moved} alias(es) "
                     "moved, {result.aliases_added} name(s) added as aliases.",
                     keep=keep, others=queryset.exclude(pk=keep.pk))
            return self.back(request)
        return page


@admin.register(ClaimantAlias)
class ClaimantAliasAdmin(SimpleHistoryAdmin):
    list_display = ["alias", "claimant"]
    list_select_related = ["claimant"]
    search_fields = ["alias", "claimant__name"]
    autocomplete_fields = ["claimant"]
    show_full_result_count = False


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "alias_list"]
    search_fields = ["name", "short_name", "aliases"]

    @admin.display(description="aliases")
    def alias_list(self, party):
        return ", ".join(party.aliases)


@admin.register(Tag)
class TagAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "claim_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, tag):
        return changelist_link(Claim, str(tag.claim_count), tags__id__exact=tag.pk)


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "created_at", "article_count"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, story):
        return story.article_count
