"""The outputs wing: results models, documents, charts, wall screens, the workbook and the sharing
level. It sits above the services and asks the exercise plugins (sff_core/exercises/) for results;
no service imports it."""
