"""wmoregie: regie op de Wmo-ondersteuning van een regio."""
