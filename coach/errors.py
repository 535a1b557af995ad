"""One error hierarchy: errors meant for users say what to do."""


class CoachError(Exception):
    """An error a user can fix; the CLI prints `Error: ...`, the web app shows a warning."""


class ScenarioError(CoachError):
    """A scenario file is malformed or refers to something unknown."""


class UnknownScenarioError(CoachError):
    def __init__(self, scenario_id: str, known: list[str]):
        self.scenario_id = scenario_id
        self.known = known
        listing = ", ".join(known) if known else "(none found)"
        super().__init__(f"unknown scenario id '{scenario_id}'. Known scenarios: {listing}")


class MessageError(CoachError):
    """A trainee message cannot be accepted (empty, too long)."""


class KnowledgeIndexError(CoachError):
    """The knowledge index is missing or corrupt."""


class LLMError(CoachError):
    """The configured LLM is unreachable or keeps answering in a wrong shape."""
