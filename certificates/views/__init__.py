"""Thin views: public verification and the issuer's data (`public`), permission-checked
downloads (`downloads`), and the programme coordinators' decisions (`decisions`)."""
