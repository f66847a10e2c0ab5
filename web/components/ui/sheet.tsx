// The navigation menu's sheet on narrow screens (Radix's dialog, loaded when it first opens): the parts live in
// lazy-dialog.tsx, whose root and trigger serve every kind of dialog.
export {
  Dialog as Sheet,
  DialogTrigger as SheetTrigger,
  SheetContent,
  SheetTitle,
} from "#web/components/ui/lazy-dialog.tsx";
