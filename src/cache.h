/* cache.h - placeholder */
