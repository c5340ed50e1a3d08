"""Basic admin registration of every model; the editorial workflow builds on this."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from newsclaims.models import Article, Claim, ClaimLink, Claimant, ClaimantAlias, Event, Outlet, Party, Story, Tag


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]


class ClaimantAliasInline(admin.TabularInline):
    model = ClaimantAlias
    extra = 1


@admin.register(Claimant)
class ClaimantAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "party"]
    list_filter = ["kind", "party"]
    search_fields = ["name", "aliases__alias"]
    inlines = [ClaimantAliasInline]


@admin.register(ClaimantAlias)
class ClaimantAliasAdmin(SimpleHistoryAdmin):
    list_display = ["alias", "claimant"]
    search_fields = ["alias", "claimant__name"]


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    search_fields = ["title"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "language", "published", "ingested_at"]
    list_filter = ["language", "outlet"]
    search_fields = ["title", "url"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["name", "place", "start_date", "end_date"]
    search_fields = ["name", "place"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["id", "claimant", "category", "low", "high", "qualifier", "status", "event"]
    list_filter = ["status", "category", "qualifier"]
    search_fields = ["evidence", "claimant__name", "claimant_text"]
    raw_id_fields = ["article"]


@admin.register(ClaimLink)
class ClaimLinkAdmin(SimpleHistoryAdmin):
    list_display = ["from_claim", "kind", "to_claim", "status"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["from_claim", "to_claim"]
