"""Reads for the course pages and the learner's dashboard. Every function runs a fixed number of
queries, however many courses, modules or learners there are."""

from dataclasses import dataclass, field

from django.db.models import Q

from cms.caching.fragments import cached_for_generation
from cms.caching.personal import cached_for_person, personal_changed
from courses.models import (
    CourseIndexPage,
    CoursePage,
    CourseProgress,
    ModuleCompletion,
    ModulePage,
    ProfessionalRole,
    QuizAttempt,
)

LEARNING = "learning"  # the namespace of a learner's own records in cms.caching.personal


@dataclass
class CourseState:
    """One learner's standing in one course."""

    modules: list
    finished_ids: set = field(default_factory=set)
    done_ids: set = field(default_factory=set)
    passed_quizzes: set = field(default_factory=set)

    @property
    def total(self) -> int:
        return len(self.modules)

    @property
    def finished(self) -> int:
        return len(self.finished_ids)

    @property
    def percent(self) -> int:
        return round(100 * self.finished / self.total) if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.finished == self.total

    @property
    def resume_module(self):
        """The first module not yet finished (the last one once all are)."""
        for module in self.modules:
            if module.pk not in self.finished_ids:
                return module
        return self.modules[-1] if self.modules else None


def live_modules(course) -> list[ModulePage]:
    # The same for every visitor: cached until the next publish (cms.caching generation).
    return cached_for_generation(
        "live-modules",
        [course.pk],
        lambda: list(ModulePage.objects.live().child_of(course).order_by("path")),
    )


def _modules_by_course(courses) -> dict[int, list[ModulePage]]:
    courses = list(courses)
    return cached_for_generation(
        "modules-by-course",
        sorted(c.pk for c in courses),
        lambda: _query_modules_by_course(courses),
    )


def _query_modules_by_course(courses) -> dict[int, list[ModulePage]]:
    result = {c.pk: [] for c in courses}
    if not courses:
        return result
    by_path = {c.path: c.pk for c in courses}
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    for module in ModulePage.objects.live().filter(condition).order_by("path"):
        result[by_path[module.path[: -ModulePage.steplen]]].append(module)
    return result


def course_state(*, user, course, modules=None) -> CourseState:
    modules = live_modules(course) if modules is None else modules
    return _states(user=user, modules_by_course={course.pk: modules})[course.pk]


def certificate_requirements_met(*, user, course) -> bool:
    """The courses' part of the workshop certificate rule, kept here only: a course that asks
    for its e-learning (`certificate_requires_elearning`) needs all its live modules finished
    (quizzes passed); any other course needs nothing from the e-learning side."""
    if not course.certificate_requires_elearning:
        return True
    return course_state(user=user, course=course).is_complete


def _states(*, user, modules_by_course: dict[int, list], passed=None) -> dict[int, CourseState]:
    module_ids = [m.pk for modules in modules_by_course.values() for m in modules]
    done = set(
        ModuleCompletion.objects.filter(user=user, module_id__in=module_ids).values_list(
            "module_id", flat=True
        )
    )
    if passed is None:
        passed = set(
            QuizAttempt.objects.filter(
                user=user, module_id__in=module_ids, passed=True
            ).values_list("module_id", "quiz_id")
        )
    states = {}
    for course_id, modules in modules_by_course.items():
        state = CourseState(modules=modules, done_ids=done, passed_quizzes=passed)
        state.finished_ids = {
            m.pk for m in modules if m.pk in done and all((m.pk, q) in passed for q in m.quiz_ids)
        }
        states[course_id] = state
    return states


def catalogue(*, index: CourseIndexPage, role_slug: str = "") -> dict:
    roles = list(ProfessionalRole.objects.all())
    active_role = next((r for r in roles if r.slug == role_slug), None)
    courses = CoursePage.objects.live().child_of(index).select_related("role").order_by("path")
    if active_role:
        courses = courses.filter(role=active_role)
    courses = list(courses)
    modules = _modules_by_course(courses)
    for course in courses:
        course.live_modules = modules[course.pk]
    return {
        "courses": courses,
        "roles": roles,
        "active_role": active_role,
        "unknown_role": bool(role_slug) and active_role is None,
    }


def page_open_to(page, request) -> bool:
    """Whether the privacy settings of a page and its ancestors (Wagtail's view restrictions:
    log-in, groups, password) let this request see it, as they do when Wagtail serves it. The
    course actions ask too, so a restricted course is not started, completed or shown through
    them."""
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def course_outline(*, course: CoursePage, user) -> dict:
    modules = live_modules(course)
    context = {"modules": modules, "state": None, "progress": None}
    if user.is_authenticated:
        context["progress"] = CourseProgress.objects.filter(user=user, course=course).first()
        context["state"] = course_state(user=user, course=course, modules=modules)
    return context


def _course_of(module: ModulePage):
    parent_path = module.path[: -ModulePage.steplen]
    return cached_for_generation(
        "course-at-path",
        [parent_path],
        lambda: CoursePage.objects.select_related("role").filter(path=parent_path).first(),
    )


def _module_state(*, user, module, course, modules):
    # One query for both the passed quizzes of the course and this module's attempts.
    latest, passed = {}, set()
    for attempt in QuizAttempt.objects.filter(
        Q(module=module) | Q(passed=True, module_id__in=[m.pk for m in modules]), user=user
    ).order_by("-created_at", "-pk"):
        if attempt.module_id == module.pk:
            latest.setdefault(attempt.quiz_id, attempt)
        if attempt.passed:
            passed.add((attempt.module_id, attempt.quiz_id))
    state = _states(user=user, modules_by_course={course.pk: modules}, passed=passed)[course.pk]
    # Without the modules: the caller has them already (cached under the same generation), so
    # the cached state stays small to unpickle.
    return latest, (state.finished_ids, state.done_ids, state.passed_quizzes)


def module_context(*, module: ModulePage, user) -> dict:
    course = _course_of(module)
    modules = live_modules(course) if course else [module]
    position = next((i for i, m in enumerate(modules) if m.pk == module.pk), None)
    context = {
        "course": course,
        "modules": modules,
        "position": position + 1 if position is not None else None,
        "previous_module": modules[position - 1] if position else None,
        "next_module": (
            modules[position + 1] if position is not None and position + 1 < len(modules) else None
        ),
        "state": None,
        "latest_attempts": {},
        "is_done": False,
        "quizzes_to_pass": bool(module.quiz_ids),
    }
    if user.is_authenticated and course:
        latest, (finished, done, passed) = cached_for_person(
            LEARNING,
            user.pk,
            "module-state-v2",
            [module.pk],
            lambda: _module_state(user=user, module=module, course=course, modules=modules),
        )
        state = CourseState(
            modules=modules, finished_ids=finished, done_ids=done, passed_quizzes=passed
        )
        context.update(
            state=state,
            latest_attempts=latest,
            is_done=module.pk in state.done_ids,
            passed_quiz_ids={q for (m, q) in state.passed_quizzes if m == module.pk},
            quizzes_to_pass=any(
                (module.pk, q) not in state.passed_quizzes for q in module.quiz_ids
            ),
        )
    return context


def my_learning(*, user) -> list[dict]:
    # Cached until the learner's own records change or a publish does (cms.caching.personal).
    return cached_for_person(LEARNING, user.pk, "my-learning", [], lambda: _my_learning(user))


def _my_learning(user) -> list[dict]:
    progress = list(
        CourseProgress.objects.filter(user=user, course__live=True)
        .select_related("course")
        .order_by("-started_at", "-pk")
    )
    courses = [p.course for p in progress]
    states = _states(user=user, modules_by_course=_modules_by_course(courses))
    return [{"progress": p, "course": p.course, "state": states[p.course.pk]} for p in progress]


def learning_changed(*, user_id) -> None:
    """A learner's progress, completions or attempts changed: their cached state goes."""
    personal_changed(LEARNING, user_id)


def learner_personal_data(user) -> dict:
    """What the courses app holds about a person (RODO export)."""
    return {
        "courses": [
            {
                "course": p.course_title,
                "started_at": p.started_at.isoformat(),
                "completed_at": p.completed_at.isoformat() if p.completed_at else None,
            }
            for p in CourseProgress.objects.filter(user=user).order_by("started_at")
        ],
        "completed_modules": [
            {"module": c.module_title, "completed_at": c.completed_at.isoformat()}
            for c in ModuleCompletion.objects.filter(user=user).order_by("completed_at")
        ],
        "quiz_attempts": [
            {
                "quiz_id": a.quiz_id,
                "score": a.score,
                "passed": a.passed,
                "created_at": a.created_at.isoformat(),
                "results": a.results,
            }
            for a in QuizAttempt.objects.filter(user=user).order_by("created_at")
        ],
    }
