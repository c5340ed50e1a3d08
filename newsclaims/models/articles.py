"""Where claims are read: outlets, articles, and stories (wire copy published by several outlets)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Story(models.Model):
    """One wire story, however many outlets published it: its articles are near-duplicates of each other."""

    title = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title or f"Story {self.pk}"


class Article(models.Model):
    class Language(models.TextChoices):
        DANISH = "da", "Danish"
        ENGLISH = "en", "English"

    class DatePrecision(models.TextChoices):
        YEAR = "year", "year"
        MONTH = "month", "month"
        DAY = "day", "day"

    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    # NULL, not "", for "no URL": the partial unique constraint below must not treat every URL-less article as equal.
    url = models.URLField(max_length=1000, null=True, blank=True)  # noqa: DJ001
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    language = models.CharField(max_length=2, choices=Language.choices)
    published = models.DateField(null=True, blank=True, help_text="First day of the period when imprecise.")
    published_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    wire_credit = models.CharField(max_length=200, blank=True, help_text="e.g. 'ritzau/Reuters'")
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the normalised text.")
    story = models.ForeignKey(Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    minhash = models.BinaryField(
        null=True, blank=True, editable=False, help_text="MinHash signature of the text, to find wire copies."
    )
    source = models.CharField(max_length=500, blank=True, help_text="File or feed it was ingested from.")
    external_id = models.CharField(max_length=200, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    ingested_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published", "-ingested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=Q(url__isnull=False) & ~Q(url=""), name="article_url_unique"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
        ]
        indexes = [models.Index(fields=["published"])]

    def __str__(self) -> str:
        return self.title or self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("article-detail", args=[self.pk])

    @property
    def published_display(self) -> str:
        if not self.published:
            return ""
        match self.published_precision:
            case self.DatePrecision.YEAR:
                return f"{self.published:%Y}"
            case self.DatePrecision.MONTH:
                return f"{self.published:%Y-%m}"
        return self.published.isoformat()
