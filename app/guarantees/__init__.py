"""The fallback guarantee (terugvalgarantie): the written, dated way back to dagbesteding."""
