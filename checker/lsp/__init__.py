"""``claimlint server``: the Language Server Protocol front end for editors.

A thin layer over the linter: ``linting`` lints an editor buffer with the same machinery as
``claimlint lint``, ``positions`` maps its offsets to LSP positions, ``features`` turns
findings into diagnostics, hovers and code actions, and ``server`` speaks the protocol.
"""
