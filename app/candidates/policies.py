"""The file policies moved to `app.access.policies` (the access layer, below every domain
service); this name stays so modules not yet ported keep importing it. Import from
`app.access` in new code."""

from app.access.policies import (  # noqa: F401 - re-exported
    ADMIN_AREAS,
    ALL_AREAS,
    NETWORK_GRANTABLE,
    FileArea,
    areas_for,
    can_change,
    consultant_candidate_ids,
    visible_candidate_ids,
)
