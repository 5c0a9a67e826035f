import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.numbers import parse_int
from portal.page_cache import cached_page, rows_of, write_after_render
from portal.pagination import paginate

from . import services
from .forms import EditPostForm, EditTopicForm, ReplyForm, ReportForm, TopicForm
from .markup import quote_markdown
from .models import Category, Post, Report, Status, Subscription, Topic
from .notifications import read_unsubscribe_token
from .permissions import (
    can_delete,
    can_edit,
    can_mark_solution,
    can_post,
    can_reply,
    is_moderator,
)

TOPICS_PER_PAGE = 20
POSTS_PER_PAGE = 20


def _base_url(request):
    return request.build_absolute_uri("/")


def _visible_topic(request, pk):
    return get_object_or_404(
        Topic.objects.visible_to(request.user).select_related(
            "category", "category__restricted_to", "author", "solution"
        ),
        pk=pk,
    )


def _visible_post(request, pk):
    post = get_object_or_404(
        Post.objects.visible_to(request.user).select_related("author", "topic"), pk=pk
    )
    post.topic = _visible_topic(request, post.topic_id)
    return post


def _display_name(user):
    return user.get_full_name() or _("Membre")


def _forum_breadcrumb(*links):
    return [{"url": reverse("forum:index"), "title": _("Forum")}, *links]


def _category_link(category):
    return {"url": category.get_absolute_url(), "title": category.name}


def _topic_link(topic):
    return {"url": topic.get_absolute_url(), "title": topic.title}


def _within_topic(topic, current):
    """The context of a page inside a topic: the topic and its trail, Forum › category › topic."""
    return {
        "topic": topic,
        "breadcrumb_links": _forum_breadcrumb(_category_link(topic.category), _topic_link(topic)),
        "breadcrumb_current": current,
    }


def _post_page_url(request, post):
    """The topic page holding this post, with its anchor."""
    before = (
        Post.objects.filter(topic=post.topic_id)
        .visible_to(request.user)
        .filter(Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk))
        .count()
    )
    page = before // POSTS_PER_PAGE + 1
    url = post.topic.get_absolute_url()
    if page > 1:
        url += f"?page={page}"
    return f"{url}#{post.anchor}"


def _decorate_topics(request, topics):
    unread = services.unread_topic_ids(request.user, topics)
    for topic in topics:
        topic.is_unread = topic.pk in unread
    return topics


# --- Reading --------------------------------------------------------------------------------
@cached_page
def index(request):
    user = request.user
    visible_topics = Q(topics__status=Status.PUBLISHED, topics__deleted_at__isnull=True)
    categories = (
        Category.objects.visible_to(user)
        .select_related("restricted_to")
        .annotate(
            topic_count=Count("topics", filter=visible_topics),
            last_activity=Max("topics__last_activity_at", filter=visible_topics),
        )
    )
    recent = list(
        Topic.objects.visible_to(user)
        .select_related("category", "author", "last_poster")
        .order_by("-last_activity_at", "-pk")[:10]
    )
    return render(
        request,
        "forum/index.html",
        {
            "categories": categories,
            "recent_topics": _decorate_topics(request, recent),
            "is_moderator": is_moderator(user),
            "breadcrumb_current": _("Forum"),
        },
    )


@cached_page
def category_detail(request, slug):
    user = request.user
    category = get_object_or_404(
        Category.objects.visible_to(user).select_related("restricted_to"), slug=slug
    )
    topics = Topic.objects.visible_to(user).filter(category=category).for_list()
    state = request.GET.get("etat", "")
    if state == "resolus":
        topics = topics.filter(solution__isnull=False)
    elif state == "sans-solution":
        topics = topics.filter(solution__isnull=True)
    page = paginate(request, topics, TOPICS_PER_PAGE)
    _decorate_topics(request, page.object_list)
    following = (
        user.is_authenticated and Subscription.objects.filter(user=user, category=category).exists()
    )
    return render(
        request,
        "forum/category.html",
        {
            "category": category,
            "page_obj": page,
            "state": state,
            "following": following,
            "can_post": can_post(user),
            "breadcrumb_links": _forum_breadcrumb(),
            "breadcrumb_current": category.name,
        },
    )


@cached_page
def topic_detail(request, pk, reply_form=None):
    user = request.user
    # Only this topic's rows are read here (its category, read with it, is written with every
    # shard): a reply to another topic leaves the page.
    with rows_of("forum", pk):
        topic = _visible_topic(request, pk)
        posts = (
            Post.objects.filter(topic=topic)
            .visible_to(user)
            .select_related("author", "author__profile", "author__profile__organisation")
        )
        page = paginate(request, posts, POSTS_PER_PAGE)
        moderator = is_moderator(user)
        topic_solution_allowed = can_mark_solution(user, topic)
        for post in page.object_list:
            post.topic = topic
            post.user_can_edit = can_edit(user, post)
            post.user_can_delete = can_delete(user, post)
            post.user_can_mark = topic_solution_allowed and post.counts
            post.is_solution = post.pk == topic.solution_id
        replying = can_reply(user, topic)
        if replying and reply_form is None:
            reply_form = ReplyForm(initial={"body": _quote_initial(request, topic)})
    following = False
    if user.is_authenticated:
        following = Subscription.objects.filter(user=user, topic=topic).exists()
        # Marked read once the page is filed: the copy then serves the member's next visit.
        write_after_render(request, functools.partial(services.mark_read, user, topic))
    return render(
        request,
        "forum/topic.html",
        {
            "topic": topic,
            "category": topic.category,
            "page_obj": page,
            "reply_form": reply_form if replying else None,
            "can_reply": replying,
            "following": following,
            "is_moderator": moderator,
            "breadcrumb_links": _forum_breadcrumb(_category_link(topic.category)),
            "breadcrumb_current": topic.title,
        },
    )


def _quote_initial(request, topic):
    quoted = parse_int(request.GET.get("citer", ""))
    if quoted is None:
        return ""
    post = (
        Post.objects.filter(topic=topic, pk=quoted)
        .visible_to(request.user)
        .select_related("author")
        .first()
    )
    if post is None:
        return ""
    return quote_markdown(_display_name(post.author), post.body)


def post_redirect(request, pk):
    post = _visible_post(request, pk)
    return HttpResponseRedirect(_post_page_url(request, post))


# --- Writing --------------------------------------------------------------------------------
@login_required
def topic_create(request, slug):
    category = get_object_or_404(Category.objects.visible_to(request.user), slug=slug)
    form = TopicForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        topic = services.create_topic(
            category, request.user, form.cleaned_data["title"], form.cleaned_data["body"]
        )
        if topic.status == Status.HELD:
            messages.info(
                request,
                _(
                    "Votre sujet est en attente de modération : comme votre compte est récent, "
                    "votre premier message est relu avant publication. Vous seul le voyez pour "
                    "l'instant."
                ),
            )
        else:
            messages.success(request, _("Votre sujet est publié."))
        return redirect(topic)
    return render(
        request,
        "forum/topic_form.html",
        {
            "form": form,
            "category": category,
            "breadcrumb_links": _forum_breadcrumb(_category_link(category)),
            "breadcrumb_current": _("Nouveau sujet"),
        },
    )


@login_required
def reply(request, pk):
    topic = _visible_topic(request, pk)
    if not can_reply(request.user, topic):
        messages.error(request, _("Ce sujet est verrouillé : il n'accepte plus de réponse."))
        return redirect(topic)
    if request.method == "POST":
        form = ReplyForm(request.POST, user=request.user)
        if form.is_valid():
            post = services.add_reply(
                topic, request.user, form.cleaned_data["body"], base_url=_base_url(request)
            )
            if post.status == Status.HELD:
                messages.info(
                    request,
                    _(
                        "Votre réponse est en attente de modération : comme votre compte est "
                        "récent, votre premier message est relu avant publication."
                    ),
                )
            else:
                messages.success(request, _("Votre réponse est publiée."))
            post.topic = topic
            return HttpResponseRedirect(_post_page_url(request, post))
    else:
        form = ReplyForm(initial={"body": _quote_initial(request, topic)})
    return render(
        request,
        "forum/reply_form.html",
        {
            "form": form,
            **_within_topic(topic, _("Répondre")),
        },
    )


@login_required
def post_edit(request, pk):
    post = _visible_post(request, pk)
    if not can_edit(request.user, post):
        if post.author_id == request.user.pk and not post.is_deleted:
            messages.error(
                request,
                _("Le délai de modification de ce message est écoulé."),
            )
            return HttpResponseRedirect(_post_page_url(request, post))
        raise PermissionDenied
    form_class = EditTopicForm if post.is_first else EditPostForm
    initial = {"body": post.body, "title": post.topic.title}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.edit_post(post, form.cleaned_data["body"], title=form.cleaned_data.get("title"))
        messages.success(request, _("Votre message est modifié."))
        return HttpResponseRedirect(_post_page_url(request, post))
    return render(
        request,
        "forum/post_edit.html",
        {
            "form": form,
            "post": post,
            **_within_topic(post.topic, _("Modifier un message")),
        },
    )


@login_required
def post_delete(request, pk):
    post = _visible_post(request, pk)
    if not can_delete(request.user, post):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_post(post, request.user)
        if post.is_first:
            messages.success(request, _("Le sujet est supprimé."))
            return redirect(post.topic.category)
        messages.success(request, _("Le message est supprimé."))
        return redirect(post.topic)
    return render(
        request,
        "forum/post_delete.html",
        {
            "post": post,
            **_within_topic(post.topic, _("Supprimer un message")),
        },
    )


@login_required
@require_POST
def mark_solution(request, pk):
    post = _visible_post(request, pk)
    topic = post.topic
    if not can_mark_solution(request.user, topic):
        raise PermissionDenied
    if request.POST.get("action") == "retirer":
        if topic.solution_id == post.pk:
            services.unmark_solution(topic)
            messages.success(request, _("Ce message n'est plus marqué comme solution."))
    else:
        try:
            services.mark_solution(topic, post)
        except services.SolutionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Le sujet est résolu : merci d'avoir indiqué la solution."))
    return HttpResponseRedirect(_post_page_url(request, post))


@login_required
def report(request, pk):
    post = _visible_post(request, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        Report.objects.get_or_create(
            post=post,
            reporter=request.user,
            resolved_at__isnull=True,
            defaults={
                "reason": form.cleaned_data["reason"],
                "comment": form.cleaned_data["comment"],
            },
        )
        messages.success(
            request, _("Merci, votre signalement est transmis à l'équipe de modération.")
        )
        return HttpResponseRedirect(_post_page_url(request, post))
    return render(
        request,
        "forum/report_form.html",
        {
            "form": form,
            "post": post,
            **_within_topic(post.topic, _("Signaler un message")),
        },
    )


# --- Following ------------------------------------------------------------------------------
@login_required
@require_POST
def follow_topic(request, pk):
    topic = _visible_topic(request, pk)
    if request.POST.get("action") == "ne-plus-suivre":
        Subscription.objects.filter(user=request.user, topic=topic).delete()
        messages.success(request, _("Vous ne suivez plus ce sujet."))
    else:
        Subscription.objects.get_or_create(user=request.user, topic=topic)
        messages.success(
            request, _("Vous suivez ce sujet : vous recevrez un courriel lors des réponses.")
        )
    return redirect(topic)


@login_required
@require_POST
def follow_category(request, slug):
    category = get_object_or_404(Category.objects.visible_to(request.user), slug=slug)
    if request.POST.get("action") == "ne-plus-suivre":
        Subscription.objects.filter(user=request.user, category=category).delete()
        messages.success(request, _("Vous ne suivez plus cette catégorie."))
    else:
        Subscription.objects.get_or_create(user=request.user, category=category)
        messages.success(
            request,
            _(
                "Vous suivez cette catégorie : vous recevrez un courriel lors des nouveaux messages."
            ),
        )
    return redirect(category)


@csrf_exempt
def unsubscribe(request, token):
    """Works without logging in: the signed token names the subscription (and stands in for
    the CSRF token, so mail clients' one-click List-Unsubscribe POST works too)."""
    data = read_unsubscribe_token(token)
    if data is None:
        return render(request, "forum/unsubscribe.html", {"invalid": True}, status=400)
    subscription = (
        Subscription.objects.filter(pk=data["s"], user_id=data["u"])
        .select_related("topic", "category")
        .first()
    )
    done = False
    if request.method == "POST" and subscription is not None:
        subscription.delete()
        done = True
    return render(
        request,
        "forum/unsubscribe.html",
        {
            "subscription": subscription,
            "done": done,
            "breadcrumb_links": _forum_breadcrumb(),
            "breadcrumb_current": _("Désabonnement"),
        },
    )


# --- Moderation -----------------------------------------------------------------------------
def _require_moderator(request):
    if not is_moderator(request.user):
        raise Http404


def moderation(request):
    _require_moderator(request)
    reports = list(
        Report.objects.filter(resolved_at__isnull=True).select_related(
            "post", "post__author", "post__topic", "reporter"
        )
    )
    held = list(
        Post.objects.filter(status=Status.HELD, deleted_at__isnull=True)
        .select_related("author", "topic", "topic__category")
        .order_by("created_at")
    )
    hidden = list(
        Post.objects.filter(status=Status.HIDDEN)
        .select_related("author", "topic", "topic__category")
        .order_by("-created_at")[:50]
    )
    return render(
        request,
        "forum/moderation.html",
        {
            "reports": reports,
            "held_posts": held,
            "hidden_posts": hidden,
            "breadcrumb_links": _forum_breadcrumb(),
            "breadcrumb_current": _("Modération"),
        },
    )


POST_ACTIONS = {
    "approuver": Status.PUBLISHED,
    "masquer": Status.HIDDEN,
    "restaurer": Status.PUBLISHED,
}
TOPIC_ACTIONS = {
    "verrouiller": {"is_locked": True},
    "deverrouiller": {"is_locked": False},
    "epingler": {"is_pinned": True},
    "desepingler": {"is_pinned": False},
}


def _back(request, fallback):
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


@require_POST
def moderate_post(request, pk, action):
    _require_moderator(request)
    if action not in POST_ACTIONS:
        raise Http404
    post = get_object_or_404(Post.objects.select_related("topic"), pk=pk)
    services.set_post_status(post, POST_ACTIONS[action], base_url=_base_url(request))
    if action == "masquer":
        Report.objects.filter(post=post, resolved_at__isnull=True).update(
            resolved_at=timezone.now(),
            resolved_by=request.user,
        )
    labels = {
        "approuver": _("Le message est approuvé et publié."),
        "masquer": _("Le message est masqué."),
        "restaurer": _("Le message est rétabli."),
    }
    messages.success(request, labels[action])
    return _back(request, reverse("forum:moderation"))


@require_POST
def moderate_topic(request, pk, action):
    _require_moderator(request)
    if action not in TOPIC_ACTIONS:
        raise Http404
    topic = get_object_or_404(Topic, pk=pk)
    services.set_topic_flag(topic, **TOPIC_ACTIONS[action])
    labels = {
        "verrouiller": _("Le sujet est verrouillé."),
        "deverrouiller": _("Le sujet est déverrouillé."),
        "epingler": _("Le sujet est épinglé en tête de sa catégorie."),
        "desepingler": _("Le sujet n'est plus épinglé."),
    }
    messages.success(request, labels[action])
    return _back(request, topic.get_absolute_url())


@require_POST
def resolve_report(request, pk):
    _require_moderator(request)
    Report.objects.filter(pk=pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=request.user
    )
    messages.success(request, _("Le signalement est classé."))
    return _back(request, reverse("forum:moderation"))
