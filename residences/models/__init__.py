from .pages import ExtraService, ProviderPage, ResidenceGalleryImage, ResidencePage

__all__ = ["ExtraService", "ProviderPage", "ResidenceGalleryImage", "ResidencePage"]
