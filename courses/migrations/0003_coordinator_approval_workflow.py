"""Publishing goes through a programme coordinator: a moderation workflow with one group-approval
task, assigned to the root of the page tree so every home page and course inherits it."""

from django.db import migrations

WORKFLOW_NAME = "Zatwierdzenie przez koordynatora programu"
TASK_NAME = "Akceptacja koordynatora programu"
GROUP_NAME = "Koordynatorzy programu"  # cms.roles.PROGRAMME_COORDINATORS


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=content_type, active=True
        )
    task.groups.add(group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # The root and the home pages that already exist; pages below inherit the workflow.
    for page in Page.objects.filter(depth__lte=2):
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_roles_modules_progress"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
