"""Site machinery for the gdcore lesson: MkDocs hooks, block cache, MathML, notebooks, embeds.

Nothing here is part of the gdcore library; gdcore never imports it.
"""
