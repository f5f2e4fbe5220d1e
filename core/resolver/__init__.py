"""Address resolver: text → province / city / county / street with a confidence and the method
that decided it. `resolve_text` (core/resolver/resolution.py) needs no database for the gazetteer
part; when a database is bound it also applies the aliases checkers taught (table address_alias).
`resolve_pending` resolves every new Address row and propagates the codes to patents and holders
(core/resolver/pending.py)."""
from core.resolver.pending import resolve_pending
from core.resolver.resolution import AUTO_THRESHOLD, Resolution, home_region, resolve_text, split

__all__ = ["AUTO_THRESHOLD", "Resolution", "home_region", "resolve_pending", "resolve_text", "split"]
