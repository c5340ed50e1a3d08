from django.contrib import admin
from django.urls import path

from newsclaims import exports, views
from newsclaims.api import api as open_data_api

urlpatterns = [
    path("", views.home, name="home"),
    path("claims/", views.claim_list, name="claim-list"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    # Suggestions (<option>s) for the claims list's event and claimant boxes, loaded by htmx as the reader types.
    path("suggest/events/", views.suggest_events, name="suggest-events"),
    path("suggest/claimants/", views.suggest_claimants, name="suggest-claimants"),
    path("events/<slug:slug>/", views.event_detail, name="event-detail"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("analyse/", views.analyse, name="analyse"),
    path("admin/", admin.site.urls),
    # Open data: the JSON API (docs at /api/docs) and the claims list as CSV (takes the list page's query string).
    path("api/", open_data_api.urls),
    path("claims.csv", exports.claims_csv, name="claims-csv"),
]

# Clear pages for a request too large to read (413) and for a database that cannot be reached (503).
handler400 = "newsclaims.views.errors.bad_request"
handler500 = "newsclaims.views.errors.server_error"
