// placeholder: TermUI
