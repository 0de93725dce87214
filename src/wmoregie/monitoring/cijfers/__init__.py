"""The dashboards' figures as plain functions over plain facts (no database), so each can be
checked against a hand-computed example. ``lezen`` turns the other contexts' rows into facts,
limited to the user's scope; ``tabellen`` turns figures into the tables pages and exports show."""
