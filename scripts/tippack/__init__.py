"""tippack: tailored trauma-informed practice implementation packs (site + PDF) for care homes."""

__version__ = "0.1.0"
