"""Claims: one assertion of a number by one claimant, and the links editors draw between claims."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .articles import Article
from .events import Event
from .sources import Claimant, Party


class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Claim(models.Model):
    """A number asserted by a claimant.

    `low`/`high` follow the gold convention: `low` is the figure as stated, `high` is set only for a range
    ("mere end 70" is low=70, qualifier=more_than; "100 to 300" is low=100, high=300, qualifier=range).
    `newsclaims.intervals` turns them into comparable bounds.
    """

    class Category(models.TextChoices):
        KILLED = "killed", "killed"
        WOUNDED = "wounded", "wounded"
        DEAD_OR_WOUNDED = "dead_or_wounded", "dead or wounded"
        CAPTURED = "captured", "captured"
        MISSING = "missing", "missing"
        DISPLACED = "displaced", "displaced"
        CAPTURED_EQUIPMENT = "captured_equipment", "captured equipment"
        DESTROYED_EQUIPMENT = "destroyed_equipment", "destroyed equipment"
        OTHER = "other", "other"

    class Qualifier(models.TextChoices):
        EXACT = "exact", "exactly"
        MORE_THAN = "more_than", "more than"
        AT_LEAST = "at_least", "at least"
        ABOUT = "about", "about"
        UP_TO = "up_to", "up to"
        FEWER_THAN = "fewer_than", "fewer than"
        RANGE = "range", "between"

    class Status(models.TextChoices):
        EXTRACTED = "extracted", "extracted"
        CONFIRMED = "confirmed", "confirmed"
        REJECTED = "rejected", "rejected"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    claimant = models.ForeignKey(Claimant, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    claimant_text = models.CharField(max_length=300, blank=True, help_text="The claimant as written.")
    claimant_party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims_made",
        help_text="The side the claimant speaks for.",
    )
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    event_locked = models.BooleanField(default=False, help_text="An editor chose the event; grouping keeps it.")
    category = models.CharField(max_length=24, choices=Category.choices)
    subtype = models.CharField(max_length=40, blank=True, help_text="For 'other': crowd_size, arrested, launched ...")
    low = models.BigIntegerField()
    high = models.BigIntegerField(null=True, blank=True)
    qualifier = models.CharField(max_length=12, choices=Qualifier.choices, default=Qualifier.EXACT)
    vague = models.BooleanField(default=False, help_text="'dozens', 'hundreds': a conventional value.")
    number_text = models.CharField(max_length=200, blank=True, help_text="The number as written: 'mere end 70'.")
    victims = models.CharField(max_length=300, blank=True, help_text="Whose casualties, as written.")
    victims_party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims_about"
    )
    evidence = models.TextField(help_text="The sentence stating the claim, exactly as in the article.")
    evidence_start = models.PositiveIntegerField()
    evidence_end = models.PositiveIntegerField()
    number_start = models.PositiveIntegerField(null=True, blank=True)
    number_end = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.EXTRACTED)
    edited = models.BooleanField(default=False, help_text="An editor changed it; re-extraction leaves it alone.")
    tags = models.ManyToManyField(Tag, blank=True, related_name="claims")
    extractor_version = models.CharField(max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every save; a stale edit is refused.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[tags])

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(low__gte=0), name="claim_low_not_negative"),
            models.CheckConstraint(
                condition=Q(high__isnull=True) | Q(high__gte=F("low")), name="claim_high_not_below_low"
            ),
            models.CheckConstraint(
                condition=(Q(qualifier="range") & Q(high__isnull=False))
                | (~Q(qualifier="range") & Q(high__isnull=True)),
                name="claim_high_only_for_range",
            ),
            models.CheckConstraint(condition=Q(evidence_end__gt=F("evidence_start")), name="claim_evidence_span"),
        ]
        indexes = [
            models.Index(fields=["event", "category"]),
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["category", "-created_at"]),
        ]

    def __str__(self) -> str:
        who = self.claimant or self.claimant_text or "?"
        return f"{who}: {self.number_text or self.low} {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return reverse("claim-detail", args=[self.pk])

    @property
    def bounds(self):
        from newsclaims.intervals import bounds

        return bounds(self.low, self.high, self.qualifier, self.vague)

    @property
    def display_value(self) -> str:
        from newsclaims.intervals import display

        return display(self.low, self.high, self.qualifier, self.vague)


class ClaimLink(models.Model):
    """Two claims related by an editor or proposed by the system: contradicts, supports, repeats, updates."""

    class Kind(models.TextChoices):
        CONTRADICTS = "contradicts", "contradicts"
        SUPPORTS = "supports", "supports"
        REPEATS = "repeats", "repeats"
        UPDATES = "updates", "updates"

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "suggested by the system"
        ACCEPTED = "accepted", "accepted"
        DISMISSED = "dismissed", "dismissed"

    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_from")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_to")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACCEPTED)
    created_by_system = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["from_claim", "to_claim", "kind"], name="claimlink_unique"),
            models.CheckConstraint(condition=~Q(from_claim=F("to_claim")), name="claimlink_not_self"),
        ]

    def __str__(self) -> str:
        return f"#{self.from_claim_id} {self.kind} #{self.to_claim_id}"
