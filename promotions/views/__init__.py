"""The promotions' views, by audience: `public` (everyone), `participant` (a promotion's members),
`mentor` (who runs a promotion); `base` holds what they share."""
