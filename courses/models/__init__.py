from .pages import CourseIndexPage, CoursePage, ModulePage
from .progress import CourseProgress, ModuleCompletion, QuizAttempt
from .roles import ProfessionalRole

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "CourseProgress",
    "ModuleCompletion",
    "ModulePage",
    "ProfessionalRole",
    "QuizAttempt",
]
