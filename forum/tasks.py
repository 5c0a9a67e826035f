from django_tasks import task

from .notifications import send_new_topic_notifications, send_reply_notifications


@task()
def email_reply_followers(post_pk, base_url=None):
    return send_reply_notifications(post_pk, base_url=base_url)


@task()
def email_new_topic_followers(topic_pk, base_url=None):
    return send_new_topic_notifications(topic_pk, base_url=base_url)
