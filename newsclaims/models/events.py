"""What claims are about."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Event(models.Model):
    """An incident claims are grouped under. `locked` marks an editor's decision the system must not undo."""

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    place = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    created_by_system = models.BooleanField(default=False)
    locked = models.BooleanField(
        default=False, help_text="An editor curated this event; automatic grouping leaves it be."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="event_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("event-detail", args=[self.slug])
