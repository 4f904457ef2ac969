/* store.h - placeholder */
