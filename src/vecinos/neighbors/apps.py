from django.apps import AppConfig


class NeighborsConfig(AppConfig):
    name = "vecinos.neighbors"
