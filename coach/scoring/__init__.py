"""Scoring: annotators (mode, four sides + ear, listening, techniques), scorecard, feedback.

Public API: `annotate`, `annotate_transcript`, `score_transcript`.
"""

from coach.scoring.annotate import annotate, annotate_many, annotate_transcript
from coach.scoring.scorecard import score_transcript

__all__ = ["annotate", "annotate_many", "annotate_transcript", "score_transcript"]
