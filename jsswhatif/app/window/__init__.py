"""The main window: menus and actions, the controller that owns the document, undo, dialogs."""
