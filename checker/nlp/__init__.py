"""The spaCy side of claimlint: lexicons, pipeline components and claim extraction."""
