/* retriever.h - placeholder */
