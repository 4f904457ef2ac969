/* composer.h - placeholder */
