// A destructive confirmation (Radix's alert dialog, loaded when it first opens): the parts live in lazy-dialog.tsx,
// whose root and trigger serve every kind of dialog.
export {
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  Dialog as AlertDialog,
  DialogTrigger as AlertDialogTrigger,
} from "#web/components/ui/lazy-dialog.tsx";
