"""Caching with one idea: a value is filed under the *versions* of what it depends on, and a
change replaces a version instead of deleting entries. Nothing is ever stale and nothing is
ever looked up to be deleted.

- `versions`: the version store (the site-wide generation of public content, the access
  version of roles and permissions, and the versions an app keeps for its own data), read once
  per request in one round trip to the shared cache.
- `invalidation`: which model changes start a new generation (an explicit list: public content).
- `fragments`: values that are the same for everyone (a rendered module) or for one role set.
- `personal`: one person's own records (a learner's progress), under a per-person version.
- `pages`: whole anonymous responses, answered before URL routing.
- `routes`: Wagtail's path → page lookup, kept under the generation, for logged-in visitors.
- `wagtail_site`: the one place that hands Wagtail a cached Site (a private attribute, tested).
- The shared cache itself is Redis through django-redis (settings), or files on one host.

See docs/architecture.md ("Caching") and docs/benchmarks.md for what each part saves."""
