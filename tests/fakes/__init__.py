"""Test doubles shared by test folders: the fake PubMed/Crossref services and their fixtures."""
