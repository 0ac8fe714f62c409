from django.urls import path

from taawun.ingest import views

app_name = "ingest"
urlpatterns = [
    path("", views.queue.draft_list, name="draft_list"),
    path("new/", views.upload.upload, name="upload"),
    path("drafts/<int:pk>/", views.review.draft_review, name="draft_review"),
    path("drafts/<int:pk>/accept/", views.review.draft_accept, name="draft_accept"),
    path("drafts/<int:pk>/save/", views.review.draft_save, name="draft_save"),
    path("drafts/<int:pk>/attach/", views.review.draft_attach, name="draft_attach"),
    path("drafts/<int:pk>/reject/", views.review.draft_reject, name="draft_reject"),
    path("drafts/<int:pk>/extract-again/", views.review.draft_reextract, name="draft_reextract"),
    path("people/merge/", views.merge.record_merge, {"kind": "person"}, name="person_merge"),
    path("agencies/merge/", views.merge.record_merge, {"kind": "agency"}, name="agency_merge"),
    path("engagements/merge/", views.merge.record_merge, {"kind": "engagement"}, name="engagement_merge"),
    path("sources/merge/", views.merge.record_merge, {"kind": "source"}, name="source_merge"),
    path("batches/<int:pk>/", views.queue.batch_detail, name="batch_detail"),
    path("feeds/", views.feeds.feed_list, name="feed_list"),
    path("feeds/<int:pk>/", views.feeds.feed_detail, name="feed_detail"),
    path("feeds/<int:pk>/edit/", views.feeds.feed_update, name="feed_update"),
    path("feeds/<int:pk>/delete/", views.feeds.feed_delete, name="feed_delete"),
    path("feeds/<int:pk>/poll/", views.feeds.feed_poll, name="feed_poll"),
]
