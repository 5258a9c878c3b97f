// placeholder: SitcenFeed
