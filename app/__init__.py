"""Goalpost: personal challenges, streaks and points, mirrored in the brand's loyalty platform."""
