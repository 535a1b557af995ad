"""KAM Negotiation Coach: practise retail negotiations, get scored, draft the account plan."""

__version__ = "0.1.0"
