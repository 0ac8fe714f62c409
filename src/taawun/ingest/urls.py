from django.urls import path

from taawun.ingest import views

app_name = "ingest"
urlpatterns = [
    path("", views.draft_list, name="draft_list"),
    path("new/", views.upload, name="upload"),
    path("drafts/<int:pk>/", views.draft_review, name="draft_review"),
    path("people/search/", views.person_search, name="person_search"),
    path("people/merge/", views.record_merge, {"kind": "person"}, name="person_merge"),
    path("agencies/search/", views.agency_search, name="agency_search"),
    path("agencies/merge/", views.record_merge, {"kind": "agency"}, name="agency_merge"),
    path("engagements/search/", views.engagement_search, name="engagement_search"),
    path("engagements/merge/", views.record_merge, {"kind": "engagement"}, name="engagement_merge"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("feeds/", views.feed_list, name="feed_list"),
    path("feeds/<int:pk>/", views.feed_detail, name="feed_detail"),
    path("feeds/<int:pk>/edit/", views.feed_update, name="feed_update"),
    path("feeds/<int:pk>/delete/", views.feed_delete, name="feed_delete"),
    path("feeds/<int:pk>/poll/", views.feed_poll, name="feed_poll"),
]
