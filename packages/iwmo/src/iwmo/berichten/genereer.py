"""Write the generated module of compiled readers, :mod:`._lezers` (after a model changes).

``python -m iwmo.berichten.genereer``; ``test_lezer`` fails while the module is stale.
"""

from pathlib import Path

from .lezer import _GEGENEREERD, module_bron

if __name__ == "__main__":
    doel = Path(__file__).with_name(f"{_GEGENEREERD}.py")
    doel.write_text(module_bron(), encoding="utf-8")
    print(f"{doel} geschreven.")
