"""Who speaks: parties to a conflict and the claimants that speak for them."""

from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords


class Party(models.Model):
    """A side in a conflict: Russia, Ukraine, the Russian Volunteer Corps, protesters, civilians ..."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True, help_text="Column heading, e.g. 'RDK'.")
    aliases = models.JSONField(default=list, blank=True, help_text="Other names, in any language.")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Claimant(models.Model):
    """The source of a claim. Its aliases make the gazetteer that extraction resolves names with."""

    class Kind(models.TextChoices):
        PERSON = "person", "person"
        GOVERNMENT = "government", "government"
        MILITARY = "military", "military"
        ARMED_GROUP = "armed_group", "armed group"
        ORGANISATION = "organisation", "organisation"
        OUTLET = "outlet", "outlet"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ORGANISATION)
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="claimants")
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClaimantAlias(models.Model):
    """Another name for a claimant: 'Kapustin', 'White Rex' for Denis Kapustin. Unique regardless of case."""

    claimant = models.ForeignKey(Claimant, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "claimant aliases"
        constraints = [models.UniqueConstraint(Lower("alias"), name="claimant_alias_unique_ci")]

    def __str__(self) -> str:
        return self.alias
